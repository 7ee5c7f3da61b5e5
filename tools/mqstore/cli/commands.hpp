#pragma once
// mqstore's commands. Each writes its output to `out`, diagnostics to `err`, and returns the
// process exit status, so tests can run them in-process as well as through the binary.
#include <iosfwd>
#include <optional>
#include <span>
#include <string_view>

#include "cli/command_line.hpp"
#include "inspector/store_inspector.hpp"

namespace rmq::mqstore {

inline constexpr int kExitOk = 0;
inline constexpr int kExitDamage = 1;  // verify found damage; print met unreadable messages
inline constexpr int kExitUsage = 2;   // bad arguments, DIR missing or not a store

/// Parses `args` (without the program name) and runs the command.
int run_mqstore(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

int run_info(const CommandLine& cl, std::ostream& out, std::ostream& err);
int run_print(const CommandLine& cl, std::ostream& out, std::ostream& err);
int run_verify(const CommandLine& cl, std::ostream& out, std::ostream& err);

/// Opens the store for a command, or prints "mqstore: <problem>" to `err` and returns nullopt
/// (the caller exits with kExitUsage).
std::optional<StoreInspector> open_store(const CommandLine& cl, std::ostream& err);

}  // namespace rmq::mqstore
