#include "cli/help.hpp"

#include <algorithm>

#include "cli/command_table.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin {

std::string commands_help() {
    std::string out = "The most commonly used mqadmin commands are:\n";
    for (const auto& spec : command_table())
        out += "   " + left(spec.name, 20) + " " + spec.description + "\n";
    out += "\nSee 'mqadmin help <command>' for more information on a specific command.\n";
    return out;
}

std::string command_help(const CommandSpec& spec) {
    std::vector<OptionSpec> all = spec.options;
    all.insert(all.end(), common_options().begin(), common_options().end());
    // HelpFormatter sorts by the option's key: the short name, else the long one.
    auto key = [](const OptionSpec& o) {
        return o.short_name ? std::string(1, o.short_name) : o.long_name;
    };
    std::sort(all.begin(), all.end(),
              [&](const OptionSpec& a, const OptionSpec& b) { return key(a) < key(b); });

    auto synopsis = [](const OptionSpec& o) {
        std::string s = o.short_name ? "-" + std::string(1, o.short_name) : "--" + o.long_name;
        return o.has_arg ? s + " <arg>" : s;
    };
    std::string usage = "usage: mqadmin " + spec.name;
    if (!spec.one_of.empty()) {
        std::string group;
        for (char c : spec.one_of)
            for (const auto& o : all)
                if (o.short_name == c) group += (group.empty() ? "" : " | ") + synopsis(o);
        usage += " " + group + " ";
    }
    for (const auto& o : all) {
        if (o.short_name && spec.one_of.find(o.short_name) != std::string::npos) continue;
        usage += o.required ? " " + synopsis(o) : " [" + synopsis(o) + "]";
    }

    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const auto& o : all) {
        std::string name = o.short_name ? " -" + std::string(1, o.short_name) + ",--" + o.long_name
                                        : "    --" + o.long_name;
        if (o.has_arg) name += " <arg>";
        width = std::max(width, name.size());
        rows.emplace_back(std::move(name), o.description);
    }
    std::string out = usage + "\n";
    for (const auto& [name, desc] : rows)
        out += left(name, width + 3) + desc + "\n";
    return out;
}

}  // namespace rmq::mqadmin
