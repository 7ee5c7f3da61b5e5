#pragma once
// Compact JSON output (no spaces, like the golden manifest.jsonl). Strings are escaped so the
// output is always valid JSON and valid UTF-8, whatever bytes a record holds.
#include <cstdint>
#include <string>
#include <string_view>

namespace rmq::mqstore {

/// Appends `text` escaped for a JSON string (without quotes): `"` `\` and control characters
/// escaped (\b \f \n \r \t, others \u00XX), valid UTF-8 copied as is, each invalid byte
/// replaced by \ufffd (what Java's decoder would show).
void append_json_escaped(std::string& out, std::string_view text);

/// Builds one JSON value into a string. Keys and values alternate inside objects; the writer
/// places the commas.
class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(int64_t number);
    JsonWriter& value(int32_t number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(uint64_t number);
    JsonWriter& value(bool flag);

    template <class T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

  private:
    void separate();

    std::string& out_;
    bool need_comma_ = false;
};

}  // namespace rmq::mqstore
