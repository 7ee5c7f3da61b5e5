#include <ostream>

#include "cli/commands.hpp"

namespace rmq::mqstore {

std::optional<StoreInspector> open_store(const CommandLine& cl, std::ostream& err) {
    auto inspector = StoreInspector::open(cl.dir, cl.geometry);
    if (!inspector) {
        err << "mqstore: " << inspector.error().message << "\n";
        return std::nullopt;
    }
    return std::move(*inspector);
}

int run_mqstore(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
    auto cl = parse_command_line(args);
    if (!cl) {
        err << "mqstore: " << cl.error() << "\n\n" << usage_text();
        return kExitUsage;
    }
    switch (cl->command) {
        case Command::help:
            out << usage_text();
            return kExitOk;
        case Command::info:
            return run_info(*cl, out, err);
        case Command::print:
            return run_print(*cl, out, err);
        case Command::verify:
            return run_verify(*cl, out, err);
    }
    return kExitUsage;
}

}  // namespace rmq::mqstore
