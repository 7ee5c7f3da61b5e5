#pragma once
// --json: every command's machine-readable result is one compact JSON document on one line.
#include <ostream>

#include "json/value.hpp"

namespace rmq::mqadmin {

void print_json(std::ostream& out, const json::Value& value);

}  // namespace rmq::mqadmin
