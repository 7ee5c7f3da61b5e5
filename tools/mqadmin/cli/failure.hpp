#pragma once
// Every mqadmin command stops at its first failed step, as Java's sub-commands do by throwing
// SubCommandException; run_mqadmin catches this at the top and turns it into one stderr line
// and an exit code, so no exception ever escapes the tool.
#include <stdexcept>
#include <string>

namespace rmq::mqadmin {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // an operation failed (server refusal, transport, decode)
inline constexpr int kExitUsage = 2;   // bad or missing options

class Failure : public std::runtime_error {
  public:
    Failure(std::string message, int exit_code)
        : std::runtime_error(std::move(message)), exit_code_(exit_code) {}
    int exit_code() const noexcept { return exit_code_; }

  private:
    int exit_code_;
};

[[noreturn]] inline void fail(std::string message) {
    throw Failure(std::move(message), kExitFailed);
}
[[noreturn]] inline void fail_usage(std::string message) {
    throw Failure(std::move(message), kExitUsage);
}

}  // namespace rmq::mqadmin
