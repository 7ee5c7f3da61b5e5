#pragma once
// An ordered JSON document that can hold everything fastjson writes. Objects keep their members
// in insertion order, because the order of a Java map's entries is the order in the file and a
// rewrite should not reshuffle it. A member remembers whether its key was written bare: fastjson
// writes Integer/Long map keys as unquoted numbers ({0:250}) and object keys as JSON text.
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rmq::json {

class Value;
struct Member;
using Array = std::vector<Value>;
using Object = std::vector<Member>;

enum class Kind : uint8_t { null, boolean, integer, real, string, array, object };

/// How a member's key is written: `quoted` ("name"), or `bare`: the key text as it is (`0`,
/// `-1`, or a JSON text such as `{"queueId":0}`), which is how fastjson writes non-String keys.
enum class KeyStyle : uint8_t { quoted, bare };

class Value {
  public:
    // Implicit from every scalar and container on purpose: building a document then reads
    // like the JSON it produces (v.set("perm", 6)).
    Value() = default;  // null
    Value(std::nullptr_t);
    Value(bool b);
    template <std::integral I>
    requires(!std::same_as<I, bool>) Value(I i);
    Value(double d);
    Value(std::string s);
    Value(std::string_view s);
    Value(const char* s);
    Value(Array elements);
    Value(Object members);

    static Value object();
    static Value array();

    Kind kind() const noexcept { return static_cast<Kind>(v_.index()); }
    bool is_null() const noexcept { return kind() == Kind::null; }
    bool is_bool() const noexcept { return kind() == Kind::boolean; }
    bool is_int() const noexcept { return kind() == Kind::integer; }
    bool is_real() const noexcept { return kind() == Kind::real; }
    bool is_string() const noexcept { return kind() == Kind::string; }
    bool is_array() const noexcept { return kind() == Kind::array; }
    bool is_object() const noexcept { return kind() == Kind::object; }

    // Typed access: nullptr when the value is of another kind.
    const bool* if_bool() const noexcept { return std::get_if<bool>(&v_); }
    const int64_t* if_int() const noexcept { return std::get_if<int64_t>(&v_); }
    const double* if_real() const noexcept { return std::get_if<double>(&v_); }
    const std::string* if_string() const noexcept { return std::get_if<std::string>(&v_); }
    const Array* if_array() const noexcept { return std::get_if<Array>(&v_); }
    Array* if_array() noexcept { return std::get_if<Array>(&v_); }
    const Object* if_object() const noexcept { return std::get_if<Object>(&v_); }
    Object* if_object() noexcept { return std::get_if<Object>(&v_); }

    /// The member named `key` (keys compare by text, whatever their style); nullptr when this
    /// is not an object or has no such member.
    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);

    /// Replaces the value of the member named `key` in its place (taking the new style) or
    /// appends a new member. A value that is not an object becomes an empty object first.
    Value& set(std::string key, Value value, KeyStyle style = KeyStyle::quoted);
    /// Appends an element. A value that is not an array becomes an empty array first.
    Value& push_back(Value value);

    /// Deep equality: same kinds, same member order, same keys and key styles. An integer is
    /// never equal to a real, as in Java (1 and 1.0 parse to Integer and BigDecimal).
    friend bool operator==(const Value& a, const Value& b);

  private:
    std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> v_;
};

struct Member {
    std::string key;
    Value value;
    KeyStyle key_style = KeyStyle::quoted;

    friend bool operator==(const Member& a, const Member& b) = default;
};

// Defined here rather than in the class: a constructor may destroy the variant, whose Object
// alternative needs Member complete.
inline Value::Value(std::nullptr_t) {
}
inline Value::Value(bool b) : v_(b) {
}
template <std::integral I>
requires(!std::same_as<I, bool>) inline Value::Value(I i) : v_(static_cast<int64_t>(i)) {
}
inline Value::Value(double d) : v_(d) {
}

}  // namespace rmq::json
