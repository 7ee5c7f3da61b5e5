#pragma once
// topicRoute -l: the route as TopicRouteSubCommand's table, brokers sorted by name, with the
// totals line.
#include <string>

#include "body/topic_route_data.hpp"

namespace rmq::mqadmin {

std::string route_table(body::TopicRouteData route);

}  // namespace rmq::mqadmin
