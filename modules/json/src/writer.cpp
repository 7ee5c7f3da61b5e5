#include <charconv>
#include <cmath>
#include <string>

#include "json/write.hpp"

namespace rmq::json {

namespace {

class Writer {
  public:
    Writer(Format format, std::string& out)
        : pretty_(format == Format::pretty),
          browser_(format == Format::browser_compatible),
          out_(out) {}

    void value(const Value& v) {
        switch (v.kind()) {
            case Kind::null:
                out_ += "null";
                break;
            case Kind::boolean:
                out_ += *v.if_bool() ? "true" : "false";
                break;
            case Kind::integer: {
                constexpr int64_t kMaxSafe = 9007199254740991;  // 2^53 - 1
                const int64_t i = *v.if_int();
                const bool as_string = browser_ && (i > kMaxSafe || i < -kMaxSafe);
                if (as_string) out_.push_back('"');
                char buf[24];
                auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v.if_int());
                out_.append(buf, end);
                if (as_string) out_.push_back('"');
                break;
            }
            case Kind::real:
                if (std::isfinite(*v.if_real())) {
                    append_java_double(out_, *v.if_real());
                } else {
                    out_ += "null";
                }
                break;
            case Kind::string:
                string(*v.if_string());
                break;
            case Kind::array:
                array(*v.if_array());
                break;
            case Kind::object:
                object(*v.if_object());
                break;
        }
    }

  private:
    void string(std::string_view text) {
        if (browser_) {
            append_browser_compatible_string(out_, text);
        } else {
            append_json_string(out_, text);
        }
    }

    void new_line() {
        out_.push_back('\n');
        out_.append(indent_, '\t');
    }

    // fastjson's MapSerializer/JavaBeanSerializer: a line break before each String key only,
    // and one before the closing brace of any non-empty map (even if every value was null).
    void object(const Object& members) {
        out_.push_back('{');
        ++indent_;
        bool first = true;
        for (const Member& m : members) {
            if (m.value.is_null()) continue;
            if (!first) out_.push_back(',');
            first = false;
            if (m.key_style == KeyStyle::quoted || browser_) {
                if (pretty_) new_line();
                string(m.key);
            } else {
                out_ += m.key;
            }
            out_.push_back(':');
            value(m.value);
        }
        --indent_;
        if (pretty_ && !members.empty()) new_line();
        out_.push_back('}');
    }

    // fastjson's ListSerializer: every element on its own line when pretty.
    void array(const Array& elements) {
        if (elements.empty()) {
            out_ += "[]";
            return;
        }
        out_.push_back('[');
        ++indent_;
        for (size_t i = 0; i < elements.size(); ++i) {
            if (i != 0) out_.push_back(',');
            if (pretty_) new_line();
            value(elements[i]);
        }
        --indent_;
        if (pretty_) new_line();
        out_.push_back(']');
    }

    bool pretty_;
    bool browser_;
    std::string& out_;
    size_t indent_ = 0;
};

}  // namespace

void write(const Value& value, Format format, std::string& out) {
    Writer(format, out).value(value);
}

std::string write(const Value& value, Format format) {
    std::string out;
    write(value, format, out);
    return out;
}

}  // namespace rmq::json
