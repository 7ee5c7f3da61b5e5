#pragma once
// Client side of the name-server address service (Java's TopAddressing): GET the configured URL
// and read "host:port;host:port" from the body. Brokers use it when no namesrvAddr is set and
// fetchNamesrvAddrByAddressServer=true.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "http/http_error.hpp"

namespace rmq::http {

/// The address-service URL RocketMQ derives from `rocketmq.namesrv.domain` (default
/// jmenv.tbsite.net, port 8080 unless the domain names one) and `.subgroup` (default nsaddr).
std::string address_service_url(const std::string& domain, const std::string& subgroup);

/// GET `url` ("http://host[:port]/path") within `timeout`; the trimmed body on 200, else an
/// error. An empty body is an error: no list.
Result<std::string> fetch_address_list(const std::string& url, std::chrono::milliseconds timeout);
/// The same on the caller's executor, without blocking it.
boost::asio::awaitable<Result<std::string>> fetch_address_list_async(
    std::string url, std::chrono::milliseconds timeout);

}  // namespace rmq::http
