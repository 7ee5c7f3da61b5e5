#pragma once
// The HTTP name-server address service RocketMQ clients poll (spec/behaviours.md §1.5): GET on a
// configured path answers 200 with "host:port;host:port". Java clients and brokers use it when
// no address is configured, ali-ons by default (`onsAddr`).
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "http/http_error.hpp"

namespace rmq::http {

class AddressServer {
  public:
    /// path (e.g. "/rocketmq/nsaddr") → the current address list. Query strings (`?nofix=1`)
    /// are ignored and `<path>-<unit>` is served like `<path>`, as clients append a unit name.
    using Routes = std::map<std::string, std::function<std::string()>>;

    AddressServer(boost::asio::io_context& io, Routes routes);
    ~AddressServer();

    /// Binds `host:port` (port 0 = ephemeral) and starts serving; an error names the address.
    Result<void> listen(const std::string& host, uint16_t port);
    uint16_t port() const;
    void stop();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rmq::http
