#include "json/value.hpp"

#include <utility>

namespace rmq::json {

Value::Value(std::string s) : v_(std::move(s)) {
}
Value::Value(std::string_view s) : v_(std::string(s)) {
}
Value::Value(const char* s) : v_(std::string(s)) {
}
Value::Value(Array elements) : v_(std::move(elements)) {
}
Value::Value(Object members) : v_(std::move(members)) {
}

Value Value::object() {
    return Value(Object{});
}

Value Value::array() {
    return Value(Array{});
}

const Value* Value::find(std::string_view key) const {
    const Object* members = if_object();
    if (members == nullptr) return nullptr;
    for (const Member& m : *members)
        if (m.key == key) return &m.value;
    return nullptr;
}

Value* Value::find(std::string_view key) {
    return const_cast<Value*>(std::as_const(*this).find(key));
}

Value& Value::set(std::string key, Value value, KeyStyle style) {
    if (!is_object()) v_ = Object{};
    auto& members = std::get<Object>(v_);
    for (Member& m : members) {
        if (m.key == key) {
            m.value = std::move(value);
            m.key_style = style;
            return m.value;
        }
    }
    members.push_back(Member{std::move(key), std::move(value), style});
    return members.back().value;
}

Value& Value::push_back(Value value) {
    if (!is_array()) v_ = Array{};
    auto& elements = std::get<Array>(v_);
    elements.push_back(std::move(value));
    return elements.back();
}

bool operator==(const Value& a, const Value& b) {
    return a.v_ == b.v_;
}

}  // namespace rmq::json
