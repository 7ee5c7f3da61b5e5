#pragma once
// A protocol-level failure as RocketMQ reports it: a response code plus a remark a user can act
// on. Decoders return it instead of throwing, so bad input never unwinds through a connection.
#include <cstdint>
#include <string>
#include <utility>

#include "common/expected.hpp"
#include "proto/response_code.hpp"

namespace rmq::proto {

struct ProtocolError {
    int32_t code = to_int(ResponseCode::SYSTEM_ERROR);
    std::string remark;
};

template <class T>
using Result = common::Expected<T, ProtocolError>;

}  // namespace rmq::proto
