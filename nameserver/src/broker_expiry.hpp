#pragma once
// Java's scanNotActiveBroker: brokers that stopped registering leave the routes.
#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "route_info_manager.hpp"

namespace rmq::nameserver {

/// Every `interval`, removes the brokers not heard from within `expiry`. Runs until cancelled
/// (a terminal cancellation ends it at its next wait).
boost::asio::awaitable<void> expire_silent_brokers(RouteInfoManager& routes,
                                                   std::chrono::milliseconds expiry,
                                                   std::chrono::milliseconds interval);

}  // namespace rmq::nameserver
