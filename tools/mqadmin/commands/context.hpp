#pragma once
// What a sub-command runs with: its parsed options, the admin client, and where to print.
#include <ostream>

#include "cli/admin_session.hpp"
#include "cli/command_spec.hpp"
#include "cli/parser.hpp"

namespace rmq::mqadmin {

struct CommandContext {
    const CommandSpec& spec;
    const ParsedOptions& options;
    AdminSession& admin;
    std::ostream& out;
    /// For failures a command reports and then carries on past (one broker of many).
    std::ostream& err;
    /// --json: print one JSON document instead of Java's text.
    bool json = false;
};

}  // namespace rmq::mqadmin
