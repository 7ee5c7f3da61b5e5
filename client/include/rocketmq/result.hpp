#pragma once
// Errors are values: every operation of the client returns Result<T>, which holds either the
// value or an Error saying what failed, where, and what the server answered.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace rocketmq {

enum class ErrorKind {
    broker_refused,    // a server answered with a response code other than success
    timeout,           // no answer within the operation's timeout
    network,           // connect failed or the connection closed mid-request
    no_route,          // the name servers know no route (or no writable queue) for the topic
    no_name_server,    // no name-server address from code, options, NAMESRV_ADDR or HTTP
    invalid_argument,  // the call itself is wrong (empty topic, message over the size limit…)
    invalid_state,     // not started, already started, shut down
    cancelled,         // the caller cancelled the operation
    bad_response,      // a server's answer could not be decoded
};

/// Java's name of a kind ("BROKER_REFUSED", "TIMEOUT", …) for logs and messages.
const char* to_string(ErrorKind kind) noexcept;

struct Error {
    ErrorKind kind = ErrorKind::invalid_state;
    /// RocketMQ's ResponseCode when a server answered (17 TOPIC_NOT_EXIST, 14 SERVICE_NOT_…),
    /// else -1.
    int32_t response_code = -1;
    /// The server's remark, verbatim.
    std::string remark;
    /// The address ("ip:port") that answered or was tried; empty when none was reached.
    std::string server;
    /// What went wrong, in a sentence a user can act on.
    std::string reason;

    /// One line with everything above: "TIMEOUT: send to T timed out after 3000 ms (server
    /// 127.0.0.1:10911)".
    std::string message() const;
};

/// Either a T or an Error (std::expected is C++23).
template <class T>
class [[nodiscard]] Result {
  public:
    /// An error saying that no result was produced; exists because Asio's co_spawn needs
    /// default-constructible results.
    Result()
        : v_(std::in_place_index<1>, Error{ErrorKind::invalid_state, -1, {}, {}, "no result"}) {}
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// Precondition ok() (throws std::bad_variant_access otherwise).
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    /// Precondition !ok().
    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;                                // success
    Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

    bool ok() const noexcept { return !error_; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const { return *error_; }

  private:
    std::optional<Error> error_;
};

}  // namespace rocketmq
