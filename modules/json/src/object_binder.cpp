#include "json/object_binder.hpp"

#include "json/coerce.hpp"

namespace rmq::json {

ObjectBinder::ObjectBinder(const Value& object, std::string what)
    : object_(object), what_(std::move(what)) {
    if (!object_.is_object()) error_ = what_ + " is not a JSON object";
}

const Value* ObjectBinder::property(std::string_view name) const {
    const Value* v = object_.find(name);
    if (v == nullptr || v->is_null() || is_null_text(*v)) return nullptr;
    return v;
}

const Object* ObjectBinder::object(std::string_view name) {
    const Value* v = property(name);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
        fail(name, "a JSON object");
        return nullptr;
    }
    return v->if_object();
}

const Array* ObjectBinder::array(std::string_view name) {
    const Value* v = property(name);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
        fail(name, "a JSON array");
        return nullptr;
    }
    return v->if_array();
}

void ObjectBinder::fail(std::string message) {
    if (!error_) error_ = std::move(message);
}

void ObjectBinder::fail(std::string_view name, std::string_view expected) {
    fail(what_ + ": property \"" + std::string(name) + "\" is not " + std::string(expected));
}

void ObjectBinder::bind(std::string_view name, int32_t& out) {
    if (const Value* v = property(name)) {
        if (auto i = to_int32(*v))
            out = *i;
        else
            fail(name, "a 32-bit integer");
    }
}

void ObjectBinder::bind(std::string_view name, int64_t& out) {
    if (const Value* v = property(name)) {
        if (auto i = to_int64(*v))
            out = *i;
        else
            fail(name, "an integer");
    }
}

void ObjectBinder::bind(std::string_view name, bool& out) {
    if (const Value* v = property(name)) {
        if (auto b = to_bool(*v))
            out = *b;
        else
            fail(name, "a boolean");
    }
}

void ObjectBinder::bind(std::string_view name, std::string& out) {
    const Value* v = object_.find(name);
    if (v == nullptr || v->is_null()) return;
    if (auto s = to_text(*v)) out = std::move(*s);
}

void ObjectBinder::bind(std::string_view name, std::optional<std::string>& out) {
    const Value* v = object_.find(name);
    if (v == nullptr || v->is_null()) return;
    out = to_text(*v);
}

}  // namespace rmq::json
