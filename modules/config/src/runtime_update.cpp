#include "config/runtime_update.hpp"

#include <algorithm>

namespace rmq::config {

namespace {

bool black_listed(std::string_view key, std::string_view black_list) {
    if (key == "rocketmqHome" || key == "configBlackList") return true;
    size_t start = 0;
    while (start <= black_list.size()) {
        const size_t end = std::min(black_list.find(';', start), black_list.size());
        if (black_list.substr(start, end - start) == key) return true;
        start = end + 1;
    }
    return false;
}

bool known(const std::vector<Schema>& schemas, std::string_view key) {
    return std::any_of(schemas.begin(), schemas.end(),
                       [&](const Schema& s) { return s.find(key) != nullptr; });
}

}  // namespace

proto::Result<std::vector<std::string>> apply_runtime_update(const std::vector<Schema>& schemas,
                                                             std::string_view properties_text,
                                                             std::string_view black_list) {
    const auto malformed = [](std::string remark) {
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                    std::move(remark)};
    };
    auto properties = parse_properties(properties_text);
    if (!properties) return malformed(properties.error().message);
    for (const auto& p : *properties)
        if (black_listed(p.key, black_list))
            return proto::ProtocolError{proto::to_int(proto::ResponseCode::NO_PERMISSION),
                                        "Can not update config in black list."};

    std::vector<Property> known_properties;
    for (const auto& p : *properties)
        if (known(schemas, p.key)) known_properties.push_back(p);
    const auto before = config_entries(schemas);
    auto applied = apply_properties(schemas, known_properties, {"update request", false});
    if (!applied) {
        // Put back every value, so a refused update leaves nothing half-applied.
        std::vector<Property> restore;
        for (const auto& [key, value] : before)
            restore.push_back({key, value, 0});
        (void)apply_properties(schemas, restore, {"previous configuration", false});
        return malformed(applied.error().message);
    }
    std::vector<std::string> keys;
    for (const auto& p : known_properties)
        if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) keys.push_back(p.key);
    return keys;
}

}  // namespace rmq::config
