#pragma once
// The error every body decoder returns: what was wrong, naming the property or entry.
#include <string>

#include "common/expected.hpp"

namespace rmq::body {

struct BodyError {
    std::string message;
};

template <class T>
using Result = common::Expected<T, BodyError>;

}  // namespace rmq::body
