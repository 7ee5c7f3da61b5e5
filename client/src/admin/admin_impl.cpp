#include "admin/admin_impl.hpp"

#include <algorithm>
#include <optional>

#include "core/name_servers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;

namespace {

Error no_name_server() {
    return make_error(ErrorKind::no_name_server,
                      "no name server address (ClientOptions::namesrv_addr, "
                      "rocketmq.namesrv.addr or NAMESRV_ADDR)");
}

}  // namespace

std::string describe_call(int32_t code, const std::string& addr) {
    std::string op(proto::request_code_name(code));
    if (op.empty()) op = "request " + std::to_string(code);
    return op + " to " + addr;
}

AdminImpl::AdminImpl(std::unique_ptr<ExecutorHost> host, const ClientOptions& options)
    : host_(std::move(host)),
      pool_(std::make_shared<rmq::remoting::IoContextPool>(host_->context())),
      remoting_(std::make_unique<rmq::remoting::RemotingClient>(
          rmq::remoting::ClientConfig{
              .io_threads = 1, .connect_timeout = options.client_api_timeout, .connection = {}},
          pool_)),
      name_servers_(configured_name_servers(options)),
      timeout_(options.client_api_timeout) {
}

AdminImpl::~AdminImpl() {
    // Connections are closed on their own thread while it still runs.
    host_->stop_after([this] { remoting_.reset(); });
    remoting_.reset();
}

asio::awaitable<Result<RemotingCommand>> AdminImpl::call(std::string addr, RemotingCommand request,
                                                         std::vector<int32_t> accepted) {
    const std::string what = describe_call(request.code, addr);
    auto response = co_await remoting_->invoke(addr, std::move(request), timeout_);
    if (!response) co_return transport_error(response.error(), what, addr);
    const bool ok =
        response->code == proto::to_int(proto::ResponseCode::SUCCESS)
        || std::find(accepted.begin(), accepted.end(), response->code) != accepted.end();
    if (!ok) co_return refused(*response, what, addr);
    co_return std::move(*response);
}

asio::awaitable<Result<RemotingCommand>> AdminImpl::call_name_server(RemotingCommand request) {
    if (name_servers_.empty()) co_return no_name_server();
    std::string unreachable;
    for (const auto& addr : name_servers_) {
        auto response = co_await call(addr, request);
        const bool transport_failed = !response
                                      && (response.error().kind == ErrorKind::network
                                          || response.error().kind == ErrorKind::timeout);
        if (!transport_failed) co_return response;
        unreachable += (unreachable.empty() ? "" : "; ") + addr + ": " + response.error().reason;
    }
    std::string op(proto::request_code_name(request.code));
    co_return make_error(ErrorKind::network,
                         op + " failed, no name server answered (" + unreachable + ")");
}

asio::awaitable<Result<void>> AdminImpl::call_every_name_server(RemotingCommand request) {
    if (name_servers_.empty()) co_return no_name_server();
    std::optional<Error> last;
    for (const auto& addr : name_servers_) {
        auto response = co_await call(addr, request);
        if (!response) last = response.error();
    }
    if (last) co_return *last;
    co_return Result<void>{};
}

}  // namespace rocketmq::detail
