#pragma once
// Failures of the transport itself (timeouts, closed or unreachable peers). They are values, not
// exceptions: a caller of request()/invoke() decides whether to retry another broker, so the
// error must carry a message a user can act on.
#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

namespace rmq::remoting {

enum class errc {
    timeout = 1,        // no response within the request's timeout
    connection_closed,  // the connection closed before the response arrived
    connect_failed,     // could not establish a connection (refused, unreachable, timed out)
    invalid_address,    // "host:port" could not be parsed or resolved
    shutting_down,      // the server/client is stopping and accepts no new work
};

const std::error_category& transport_category();
std::error_code make_error_code(errc e);

struct TransportError {
    std::error_code code;
    std::string message;  // names the peer, the request code and opaque where known
};

/// Value-or-TransportError, shaped like proto::Result.
template <class T>
class TransportResult {
  public:
    /// An empty error; exists because co_spawn needs default-constructible results.
    TransportResult() : v_(TransportError{}) {}
    TransportResult(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    TransportResult(TransportError error)               // NOLINT(google-explicit-constructor)
        : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const TransportError& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, TransportError> v_;
};

template <>
class TransportResult<void> {
  public:
    TransportResult() = default;
    TransportResult(TransportError error)  // NOLINT(google-explicit-constructor)
        : error_(std::move(error)) {}

    bool ok() const { return !error_; }
    explicit operator bool() const { return ok(); }
    const TransportError& error() const { return *error_; }

  private:
    std::optional<TransportError> error_;
};

}  // namespace rmq::remoting

template <>
struct std::is_error_code_enum<rmq::remoting::errc> : std::true_type {};
