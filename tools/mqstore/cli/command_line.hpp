#pragma once
// mqstore's command line: a command, the store directory and options, in any order after the
// command. Parsing never exits or prints; the caller reports the error with the usage text.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/expected.hpp"
#include "inspector/geometry.hpp"

namespace rmq::mqstore {

enum class Command : uint8_t { help, info, print, verify };

struct CommandLine {
    Command command = Command::help;
    std::string dir;
    bool json = false;
    // print
    std::string topic;
    int32_t queue_id = -1;
    std::optional<int64_t> offset;
    int64_t count = 32;
    bool body = false;
    // verify
    size_t max_problems = 50;
    std::string delay_levels;  // empty: RocketMQ's default
    GeometryOptions geometry;
};

/// The usage text printed by --help and after usage errors.
std::string_view usage_text();

/// `args` without the program name. The error is one line naming the problem.
common::Expected<CommandLine, std::string> parse_command_line(
    std::span<const std::string_view> args);

}  // namespace rmq::mqstore
