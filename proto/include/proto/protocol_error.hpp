#pragma once
// A protocol-level failure as RocketMQ reports it: a response code plus a remark a user can act
// on. Decoders return it instead of throwing, so bad input never unwinds through a connection.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "proto/response_code.hpp"

namespace rmq::proto {

struct ProtocolError {
    int32_t code = to_int(ResponseCode::SYSTEM_ERROR);
    std::string remark;
};

/// Value-or-ProtocolError. Small on purpose: std::expected is C++23 and GCC 12 lacks it.
template <class T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}              // NOLINT(google-explicit-constructor)
    Result(ProtocolError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const ProtocolError& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, ProtocolError> v_;
};

}  // namespace rmq::proto
