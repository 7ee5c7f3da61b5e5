#include "output/json_out.hpp"

#include "json/write.hpp"

namespace rmq::mqadmin {

namespace {

// Bodies keep fastjson's bare map keys ({0:"host:port"}), which standard JSON readers such as
// jq reject; --json output is for those readers, so every key is quoted.
void quote_keys(json::Value& value) {
    if (auto* members = value.if_object()) {
        for (auto& m : *members) {
            m.key_style = json::KeyStyle::quoted;
            quote_keys(m.value);
        }
    } else if (auto* elements = value.if_array()) {
        for (auto& e : *elements)
            quote_keys(e);
    }
}

}  // namespace

void print_json(std::ostream& out, const json::Value& value) {
    json::Value copy = value;
    quote_keys(copy);
    out << json::write(copy, json::Format::compact) << '\n';
}

}  // namespace rmq::mqadmin
