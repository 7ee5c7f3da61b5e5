#pragma once
// What an Admin holds (its executor, its connections, the name servers) and the one request
// step every operation is made of: send, check the response code, decode.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/executor_host.hpp"
#include "remoting/client.hpp"
#include "remoting/command.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;
using rmq::remoting::RemotingCommand;

class AdminImpl {
  public:
    AdminImpl(std::unique_ptr<ExecutorHost> host, const ClientOptions& options);
    ~AdminImpl();

    asio::io_context::executor_type executor() { return host_->context().get_executor(); }
    const std::vector<std::string>& name_servers() const { return name_servers_; }

    /// One request to `addr`; a response other than SUCCESS or one of `accepted` is an Error.
    asio::awaitable<Result<RemotingCommand>> call(std::string addr, RemotingCommand request,
                                                  std::vector<int32_t> accepted = {});
    /// One request to the first name server that can be reached.
    asio::awaitable<Result<RemotingCommand>> call_name_server(RemotingCommand request);
    /// The same request to every name server; the last failure if any failed.
    asio::awaitable<Result<void>> call_every_name_server(RemotingCommand request);

  private:
    std::unique_ptr<ExecutorHost> host_;
    std::shared_ptr<rmq::remoting::IoContextPool> pool_;
    std::unique_ptr<rmq::remoting::RemotingClient> remoting_;
    std::vector<std::string> name_servers_;
    std::chrono::milliseconds timeout_;
};

/// "GET_ROUTEINFO_BY_TOPIC to 127.0.0.1:9876", how errors name a request.
std::string describe_call(int32_t code, const std::string& addr);

/// The body as `Body`, or a bad_response Error naming `what` and `addr`.
template <class Body>
Result<Body> decode_body(const RemotingCommand& response, std::string_view what,
                         const std::string& addr) {
    auto decoded = Body::decode(response.body);
    if (!decoded)
        return make_error(ErrorKind::bad_response,
                          "cannot decode the " + std::string(what) + " from " + addr + ": "
                              + decoded.error().message,
                          addr);
    return std::move(*decoded);
}

/// The response header as `Header`, or a bad_response Error.
template <class Header>
Result<Header> decode_header(const RemotingCommand& response, const std::string& addr) {
    auto header = response.decode_header<Header>();
    if (!header)
        return make_error(
            ErrorKind::bad_response,
            describe_call(response.code, addr) + ": bad response header: " + header.error().remark,
            addr);
    return std::move(*header);
}

}  // namespace rocketmq::detail
