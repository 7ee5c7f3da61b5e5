#include "output/json_out.hpp"

#include "json/write.hpp"

namespace rmq::mqadmin {

void print_json(std::ostream& out, const json::Value& value) {
    out << json::write(value, json::Format::compact) << '\n';
}

}  // namespace rmq::mqadmin
