#pragma once
#include <optional>
#include <string>

namespace rocketmq::detail {

/// The value set with set_system_property, else the environment variable of the same name.
std::optional<std::string> system_property(const std::string& key);

}  // namespace rocketmq::detail
