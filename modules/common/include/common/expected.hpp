#pragma once
// Value-or-error for every layer (std::expected is C++23; GCC 12 lacks it). Internal failures use
// common::Result<T> (error.hpp); protocol refusals proto::Result<T> (a response code and remark).
#include <concepts>
#include <optional>
#include <utility>
#include <variant>

namespace rmq::common {

template <class T, class E>
class [[nodiscard]] Expected {
  public:
    /// Holds a default (empty) error; exists because co_spawn needs default-constructible
    /// results. Explicit, so `return {};` compiles only for Expected<void>, where it means
    /// success: a value-returning function cannot return an empty error by accident.
    explicit Expected() requires std::default_initializable<E> : v_(std::in_place_index<1>) {}
    Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
    Expected(E error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Precondition ok(); violating it throws std::bad_variant_access.
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    // Precondition !ok().
    const E& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, E> v_;
};

template <class E>
class [[nodiscard]] Expected<void, E> {
  public:
    Expected() = default;
    Expected(E error) : error_(std::move(error)) {}  // NOLINT: implicit

    bool ok() const noexcept { return !error_; }
    explicit operator bool() const noexcept { return ok(); }
    const E& error() const { return *error_; }

  private:
    std::optional<E> error_;
};

}  // namespace rmq::common
