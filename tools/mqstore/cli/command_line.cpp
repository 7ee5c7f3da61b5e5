#include "cli/command_line.hpp"

#include <charconv>
#include <map>
#include <vector>

namespace rmq::mqstore {

namespace {

using ParseResult = common::Expected<CommandLine, std::string>;

template <class T>
std::optional<T> parse_number(std::string_view text, T min) {
    T value{};
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || p != text.data() + text.size() || value < min) return std::nullopt;
    return value;
}

std::optional<Command> parse_command(std::string_view name) {
    if (name == "info") return Command::info;
    if (name == "print") return Command::print;
    if (name == "verify") return Command::verify;
    if (name == "help" || name == "-h" || name == "--help") return Command::help;
    return std::nullopt;
}

/// Which options each command accepts.
bool allowed(Command command, std::string_view option) {
    static const std::map<std::string_view, std::vector<Command>> table = {
        {"--json", {Command::info, Command::print}},
        {"--topic", {Command::print}},
        {"--queue", {Command::print}},
        {"--offset", {Command::print}},
        {"--count", {Command::print}},
        {"--body", {Command::print}},
        {"--max-problems", {Command::verify}},
        {"--delay-levels", {Command::verify}},
        {"--commitlog-file-size", {Command::info, Command::print, Command::verify}},
        {"--cq-file-size", {Command::info, Command::print, Command::verify}},
        {"--index-slots", {Command::info, Command::print, Command::verify}},
        {"--index-entries", {Command::info, Command::print, Command::verify}},
    };
    auto it = table.find(option);
    if (it == table.end()) return false;
    for (Command c : it->second) {
        if (c == command) return true;
    }
    return false;
}

bool takes_value(std::string_view option) {
    return option != "--json" && option != "--body";
}

/// Applies one option with its value; returns an error message or "".
std::string apply(CommandLine& cl, std::string_view option, std::string_view value) {
    auto bad = [&](const char* what) {
        return std::string(option) + ": " + what + ", got '" + std::string(value) + "'";
    };
    if (option == "--json") {
        cl.json = true;
    } else if (option == "--body") {
        cl.body = true;
    } else if (option == "--topic") {
        if (value.empty()) return bad("expected a topic name");
        cl.topic = value;
    } else if (option == "--queue") {
        auto v = parse_number<int32_t>(value, 0);
        if (!v) return bad("expected a queue id >= 0");
        cl.queue_id = *v;
    } else if (option == "--offset") {
        auto v = parse_number<int64_t>(value, 0);
        if (!v) return bad("expected a queue offset >= 0");
        cl.offset = *v;
    } else if (option == "--count") {
        auto v = parse_number<int64_t>(value, 1);
        if (!v) return bad("expected a count >= 1");
        cl.count = *v;
    } else if (option == "--max-problems") {
        auto v = parse_number<size_t>(value, 0);
        if (!v) return bad("expected a number >= 0");
        cl.max_problems = *v;
    } else if (option == "--delay-levels") {
        if (value.empty()) return bad("expected levels like \"1s 5s 10s\"");
        cl.delay_levels = value;
    } else if (option == "--commitlog-file-size") {
        auto v = parse_number<int64_t>(value, 1);
        if (!v) return bad("expected a size in bytes >= 1");
        cl.geometry.commit_log_file_size = *v;
    } else if (option == "--cq-file-size") {
        auto v = parse_number<int64_t>(value, 20);
        if (!v || *v % 20 != 0) return bad("expected a multiple of 20 bytes");
        cl.geometry.cq_file_size = *v;
    } else if (option == "--index-slots") {
        auto v = parse_number<int32_t>(value, 1);
        if (!v) return bad("expected a slot count >= 1");
        cl.geometry.index_slots = *v;
    } else if (option == "--index-entries") {
        auto v = parse_number<int32_t>(value, 2);
        if (!v) return bad("expected an entry count >= 2");
        cl.geometry.index_entries = *v;
    }
    return {};
}

}  // namespace

std::string_view usage_text() {
    return R"(usage: mqstore <command> DIR [options]

Inspects a RocketMQ 4.x store directory (storePathRootDir) without changing it; safe on the
store of a running broker.

commands:
  info DIR [--json]
      commit-log files and offsets, clean shutdown or not, checkpoint, every topic and queue
      with its offsets, index files, disk use
  print DIR --topic T --queue Q [--offset N] [--count K] [--json] [--body]
      the messages of one queue from offset N (default: the queue's min offset), at most K
      (default 32); --json prints one JSON object per message, --body adds the body to the
      text form
  verify DIR [--max-problems N] [--delay-levels "1s 5s ..."]
      checks every record (CRC, offsets), consume-queue unit and index file; prints each
      problem (at most N of each kind, default 50) and a summary
  help
      this text

geometry (inferred from the files when omitted):
  --commitlog-file-size BYTES   mappedFileSizeCommitLog
  --cq-file-size BYTES          mappedFileSizeConsumeQueue (a multiple of 20)
  --index-slots N               maxHashSlotNum
  --index-entries N             maxIndexNum

exit status: 0 success; 1 damage found by verify, or messages print could not read;
             2 usage error, or DIR missing or not a store
)";
}

common::Expected<CommandLine, std::string> parse_command_line(
    std::span<const std::string_view> args) {
    CommandLine cl;
    if (args.empty()) return std::string("no command given");
    auto command = parse_command(args[0]);
    if (!command) return "unknown command '" + std::string(args[0]) + "'";
    cl.command = *command;
    if (cl.command == Command::help) return cl;
    bool have_dir = false;
    for (size_t i = 1; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "-h" || arg == "--help") {
            cl.command = Command::help;
            return cl;
        }
        if (!arg.starts_with("--")) {
            if (have_dir) return "unexpected argument '" + std::string(arg) + "' (DIR was given)";
            cl.dir = arg;
            have_dir = true;
            continue;
        }
        std::string_view option = arg;
        std::string_view value;
        bool inline_value = false;
        if (auto eq = arg.find('='); eq != std::string_view::npos) {
            option = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inline_value = true;
        }
        if (!allowed(cl.command, option))
            return "unknown option '" + std::string(option) + "' for " + std::string(args[0]);
        if (takes_value(option) && !inline_value) {
            if (i + 1 >= args.size()) return std::string(option) + " needs a value";
            value = args[++i];
        } else if (!takes_value(option) && inline_value) {
            return std::string(option) + " takes no value";
        }
        if (auto err = apply(cl, option, value); !err.empty()) return err;
    }
    if (!have_dir) return std::string("no store directory given");
    if (cl.command == Command::print) {
        if (cl.topic.empty()) return std::string("print needs --topic");
        if (cl.queue_id < 0) return std::string("print needs --queue");
    }
    return cl;
}

}  // namespace rmq::mqstore
