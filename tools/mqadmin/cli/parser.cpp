#include "cli/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "cli/failure.hpp"

namespace rmq::mqadmin {

namespace {

std::string trim(std::string_view text) {
    // Java's String.trim drops every char <= ' ' at both ends.
    size_t b = 0, e = text.size();
    while (b < e && static_cast<unsigned char>(text[b]) <= ' ')
        ++b;
    while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ')
        --e;
    return std::string(text.substr(b, e - b));
}

const OptionSpec* find_short(const CommandSpec& spec, char c) {
    for (const auto* list : {&spec.options, &common_options()})
        for (const auto& o : *list)
            if (o.short_name == c) return &o;
    return nullptr;
}

const OptionSpec* find_long(const CommandSpec& spec, std::string_view name) {
    for (const auto* list : {&spec.options, &common_options()})
        for (const auto& o : *list)
            if (o.long_name == name) return &o;
    return nullptr;
}

}  // namespace

std::optional<std::string> ParsedOptions::get(const std::string& long_name) const {
    auto it = values_.find(long_name);
    if (it == values_.end()) return std::nullopt;
    return trim(it->second);
}

std::string ParsedOptions::require(const std::string& long_name) const {
    auto v = get(long_name);
    if (!v) fail_usage("Missing required option: " + long_name);
    return *v;
}

ParsedOptions parse_options(const CommandSpec& spec, const std::vector<std::string>& args) {
    ParsedOptions parsed;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const OptionSpec* opt = nullptr;
        std::optional<std::string> inline_value;
        if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            std::string_view body = std::string_view(arg).substr(2);
            auto eq = body.find('=');
            if (eq != std::string_view::npos) {
                inline_value = std::string(body.substr(eq + 1));
                body = body.substr(0, eq);
            }
            opt = find_long(spec, body);
        } else if (arg.size() >= 2 && arg[0] == '-') {
            opt = find_short(spec, arg[1]);
            if (opt && arg.size() > 2) {
                if (!opt->has_arg)
                    opt = nullptr;  // "-lx" is no option of ours
                else
                    inline_value = arg.substr(2);
            }
        } else {
            // commons-cli leaves stray words aside and Java's mqadmin ignores them
            // (`topicList -c DefaultCluster` works there although -c takes no value).
            parsed.add_ignored(arg);
            continue;
        }
        if (!opt) fail_usage("Unrecognized option: " + arg);
        if (!opt->has_arg) {
            if (inline_value) fail_usage("Option " + opt->long_name + " takes no value");
            parsed.set(opt->long_name, "true");
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) fail_usage("Missing argument for option: " + opt->long_name);
            inline_value = args[++i];
        }
        parsed.set(opt->long_name, *inline_value);
    }
    if (parsed.has("help")) return parsed;

    std::string missing;
    for (const auto& o : spec.options)
        if (o.required && !parsed.has(o.long_name))
            missing += (missing.empty() ? "" : ", ") + std::string(1, o.short_name);
    if (!missing.empty())
        fail_usage(std::string("Missing required option") + (missing.size() > 1 ? "s" : "") + ": "
                   + missing);
    if (!spec.one_of.empty()) {
        std::string names;
        bool any = false;
        for (char c : spec.one_of) {
            const OptionSpec* o = find_short(spec, c);
            names += (names.empty() ? "-" : " or -") + std::string(1, c);
            any = any || (o && parsed.has(o->long_name));
        }
        if (!any) fail_usage("Missing required option: " + names);
    }
    return parsed;
}

int64_t integer_option(const ParsedOptions& options, const std::string& long_name, int64_t fallback,
                       int64_t min, int64_t max) {
    auto text = options.get(long_name);
    if (!text) return fallback;
    int64_t value = 0;
    // Java's parseInt takes a leading '+'; from_chars does not.
    std::string_view digits = *text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value < min
        || value > max)
        fail_usage("Option " + long_name + ": not a valid number: \"" + *text + "\"");
    return value;
}

bool boolean_option(const ParsedOptions& options, const std::string& long_name, bool fallback) {
    auto text = options.get(long_name);
    if (!text) return fallback;
    std::string lower = *text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "true";
}

}  // namespace rmq::mqadmin
