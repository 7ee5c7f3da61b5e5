#include "run_mqadmin.hpp"

#include <cstdlib>
#include <exception>

#include "cli/admin_session.hpp"
#include "cli/command_table.hpp"
#include "cli/failure.hpp"
#include "cli/help.hpp"
#include "cli/parser.hpp"
#include "commands/context.hpp"
#include "common/split.hpp"
#include "config/command_line.hpp"

namespace rmq::mqadmin {

Environment Environment::from_process() {
    Environment env;
    if (const char* addr = std::getenv("NAMESRV_ADDR"); addr && *addr) env.namesrv_addr = addr;
    return env;
}

namespace {

std::vector<std::string> name_servers(const ParsedOptions& options, const Environment& env) {
    std::optional<std::string> list = options.get("namesrvAddr");
    if (!list) list = env.namesrv_addr;
    std::vector<std::string> out;
    if (!list) return out;
    if (auto valid = config::validate_namesrv_addr(*list); !valid)
        fail_usage("bad name server address list \"" + *list + "\": " + valid.error().message);
    for (auto piece : common::split_nonempty(*list, ';'))
        out.emplace_back(piece);
    return out;
}

int run_command(const CommandSpec& spec, const std::vector<std::string>& args,
                const Environment& env, std::ostream& out, std::ostream& err) {
    try {
        ParsedOptions options = parse_options(spec, args);
        for (const auto& word : options.ignored())
            err << "mqadmin " << spec.name << ": ignoring unexpected argument '" << word << "'\n";
        if (options.has("help")) {
            out << command_help(spec);
            return kExitOk;
        }
        AdminSession admin(name_servers(options, env), env.timeout);
        CommandContext ctx{spec, options, admin, out, err, options.has("json")};
        return spec.run(ctx);
    } catch (const Failure& f) {
        err << "mqadmin " << spec.name << ": " << f.what();
        if (f.exit_code() == kExitUsage) err << " (see 'mqadmin help " << spec.name << "')";
        err << '\n';
        return f.exit_code();
    } catch (const std::exception& e) {
        err << "mqadmin " << spec.name << ": unexpected error: " << e.what() << '\n';
        return kExitFailed;
    }
}

}  // namespace

int run_mqadmin(std::vector<std::string> args, const Environment& env, std::ostream& out,
                std::ostream& err) {
    if (args.empty()
        || (args.size() == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"))) {
        out << commands_help();
        return kExitOk;
    }
    if (args[0] == "help") {
        const CommandSpec* spec = find_command(args[1]);
        if (!spec) {
            err << "mqadmin: the sub command " << args[1] << " does not exist\n";
            return kExitUsage;
        }
        out << command_help(*spec);
        return kExitOk;
    }
    const CommandSpec* spec = find_command(args[0]);
    if (!spec) {
        err << "mqadmin: the sub command " << args[0] << " does not exist (see 'mqadmin help')\n";
        return kExitUsage;
    }
    return run_command(*spec, std::vector<std::string>(args.begin() + 1, args.end()), env, out,
                       err);
}

}  // namespace rmq::mqadmin
