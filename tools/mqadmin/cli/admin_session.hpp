#pragma once
// mqadmin's hold on the client library's admin API (rocketmq::Admin): each command waits for
// the answers it needs one at a time, and the first failed step ends the command as a Failure,
// as Java's sub-commands do by throwing.
#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cli/failure.hpp"
#include "rocketmq/admin.hpp"

namespace rmq::mqadmin {

using rocketmq::kOrderTopicNamespace;
/// Java's Long.MAX_VALUE, the end of QUERY_MESSAGE's default time range.
inline constexpr int64_t kJavaLongMax = INT64_MAX;

class AdminSession {
  public:
    AdminSession(std::vector<std::string> name_servers, std::chrono::milliseconds timeout);

    rocketmq::Admin* operator->() { return &admin_; }
    /// What the admin was made with (name servers, timeout), for a command's own clients.
    const rocketmq::ClientOptions& client_options() const { return options_; }
    const std::vector<std::string>& name_servers() const { return admin_.name_servers(); }
    /// A usage Failure when neither -n nor NAMESRV_ADDR gave a name server; checked on first
    /// use, since commands addressed to a broker by -b need none (as in Java).
    void require_name_servers() const;

    /// The operation's answer; its failure as a Failure (one line: request, address, response
    /// code name and number, remark).
    template <class T>
    T wait(boost::asio::awaitable<rocketmq::Result<T>> operation) {
        auto result = admin_.blocking(std::move(operation));
        if (!result) fail_with(result.error());
        if constexpr (!std::is_void_v<T>) return std::move(*result);
    }

  private:
    [[noreturn]] static void fail_with(const rocketmq::Error& error);

    rocketmq::ClientOptions options_;
    rocketmq::Admin admin_;
};

}  // namespace rmq::mqadmin
