#include "body/subscription_data.hpp"

#include "body/data_version.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value SubscriptionData::to_json() const {
    json::Value codes = json::Value::array();
    for (int32_t c : code_set)
        codes.push_back(c);
    json::Value v;
    v.set("classFilterMode", class_filter_mode);
    v.set("codeSet", std::move(codes));
    v.set("expressionType", expression_type);
    v.set("subString", sub_string);
    v.set("subVersion", sub_version);
    v.set("tagsSet", detail::string_array(tags_set));
    v.set("topic", topic);
    return v;
}

std::string SubscriptionData::encode() const {
    return json::write(to_json());
}

Result<SubscriptionData> SubscriptionData::from_json(const json::Value& value) {
    SubscriptionData s;
    s.sub_version = DataVersion::now().timestamp;  // fastjson starts from `new SubscriptionData()`
    detail::Reader reader(value, "subscription data");
    reader.read("classFilterMode", s.class_filter_mode)
        .read("expressionType", s.expression_type)
        .read("subString", s.sub_string)
        .read("subVersion", s.sub_version)
        .read("tagsSet", s.tags_set)
        .read("topic", s.topic);
    if (const json::Array* codes = reader.array("codeSet")) {
        for (const json::Value& c : *codes) {
            if (c.is_null()) continue;
            auto code = detail::to_int32(c);
            if (!code) {
                reader.fail("subscription data: codeSet element is not a 32-bit integer");
                break;
            }
            s.code_set.push_back(*code);
        }
    }
    if (auto r = reader.result(); !r) return r.error();
    return s;
}

Result<SubscriptionData> SubscriptionData::decode(std::string_view text) {
    return detail::decode_as<SubscriptionData>(text);
}

}  // namespace rmq::body
