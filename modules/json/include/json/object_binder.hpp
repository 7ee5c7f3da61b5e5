#pragma once
// Binding a JSON object to a Java bean's fields the way fastjson does (spec/headers.md §B.0):
// unknown properties are ignored, a missing or null(-like) property keeps the field's default,
// numbers and numeric strings are interchangeable. A value that cannot be converted records an
// error naming the property; the first error wins. Command bodies and config files both bind
// through this; each wraps the error in its own error type.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json/value.hpp"

namespace rmq::json {

class ObjectBinder {
  public:
    /// `what` names the object in errors ("topic config \"TopicTest\"").
    ObjectBinder(const Value& object, std::string what);

    /// The property if it is present and not null-like, else nullptr.
    const Value* property(std::string_view name) const;
    /// The members of an object property (nullptr when absent); a non-object is an error.
    const Object* object(std::string_view name);
    /// The elements of an array property (nullptr when absent); a non-array is an error.
    const Array* array(std::string_view name);

    void fail(std::string message);
    const std::string& what() const { return what_; }
    bool ok() const { return !error_; }
    /// The first error (the value not being an object included).
    const std::optional<std::string>& error() const { return error_; }

  protected:
    void bind(std::string_view name, int32_t& out);
    void bind(std::string_view name, int64_t& out);
    void bind(std::string_view name, bool& out);
    /// Only null means absent for strings: "" and "null" are real values.
    void bind(std::string_view name, std::string& out);
    void bind(std::string_view name, std::optional<std::string>& out);
    void fail(std::string_view name, std::string_view expected);

    const Value& object_;

  private:
    std::string what_;
    std::optional<std::string> error_;
};

/// The chaining front of ObjectBinder: `reader.read("a", a).read("b", b)` returns `Self&`.
template <class Self>
class Binder : public ObjectBinder {
  public:
    using ObjectBinder::ObjectBinder;

    template <class T>
    Self& read(std::string_view name, T& out) {
        bind(name, out);
        return static_cast<Self&>(*this);
    }
};

}  // namespace rmq::json
