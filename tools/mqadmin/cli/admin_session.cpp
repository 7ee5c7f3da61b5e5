#include "cli/admin_session.hpp"

namespace rmq::mqadmin {

namespace {

constexpr const char* kNoNameServer =
    "no name server address: give -n/--namesrvAddr or set NAMESRV_ADDR";

rocketmq::ClientOptions options_of(const std::vector<std::string>& name_servers,
                                   std::chrono::milliseconds timeout) {
    rocketmq::ClientOptions options;
    for (const auto& addr : name_servers)
        options.namesrv_addr += (options.namesrv_addr.empty() ? "" : ";") + addr;
    options.client_api_timeout = timeout;
    return options;
}

std::string one_line(std::string text) {
    for (auto& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

}  // namespace

AdminSession::AdminSession(std::vector<std::string> name_servers, std::chrono::milliseconds timeout)
    : options_(options_of(name_servers, timeout)), admin_(options_) {
}

void AdminSession::require_name_servers() const {
    if (admin_.name_servers().empty()) fail_usage(kNoNameServer);
}

void AdminSession::fail_with(const rocketmq::Error& error) {
    if (error.kind == rocketmq::ErrorKind::no_name_server) fail_usage(kNoNameServer);
    std::string text = error.reason;
    if (error.response_code >= 0) {
        text += " (" + std::to_string(error.response_code) + ")";
        if (!error.remark.empty()) text += ": " + error.remark;
    }
    fail(one_line(std::move(text)));
}

}  // namespace rmq::mqadmin
