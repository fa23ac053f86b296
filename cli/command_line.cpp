#include "cli/command_line.hpp"

#include <algorithm>
#include <iostream>

namespace ems120::cli {

CommandLine::CommandLine(std::string command, std::string summary, std::vector<OptionSpec> options)
    : command_(std::move(command)), summary_(std::move(summary)), specs_(std::move(options)) {
    specs_.push_back({"help", "", "show this help and exit"});
}

const OptionSpec* CommandLine::find(const std::string& name) const {
    const auto it = std::find_if(specs_.begin(), specs_.end(), [&](const OptionSpec& s) { return s.name == name; });
    return it == specs_.end() ? nullptr : &*it;
}

bool CommandLine::parse(std::span<const std::string> args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h") {
            given_.emplace_back("help", "");
            continue;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2)
            throw UsageError(command_ + ": unexpected argument '" + arg + "'");
        std::string name = arg.substr(2), value;
        bool inline_value = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            inline_value = true;
        }
        const OptionSpec* spec = find(name);
        if (!spec) throw UsageError(command_ + ": unknown option '--" + name + "'");
        if (has(name)) throw UsageError(command_ + ": option '--" + name + "' given twice");
        if (spec->value_name.empty()) {
            if (inline_value) throw UsageError(command_ + ": option '--" + name + "' takes no value");
        } else if (!inline_value) {
            if (i + 1 >= args.size()) throw UsageError(command_ + ": option '--" + name + "' needs a value " + spec->value_name);
            value = args[++i];
        }
        given_.emplace_back(name, value);
    }
    if (!wants_help()) return true;
    std::cout << help_text();
    return false;
}

bool CommandLine::has(const std::string& name) const {
    return std::any_of(given_.begin(), given_.end(), [&](const auto& g) { return g.first == name; });
}

std::optional<std::string> CommandLine::value(const std::string& name) const {
    for (const auto& [n, v] : given_)
        if (n == name) return v;
    return std::nullopt;
}

std::string CommandLine::help_text() const {
    std::string text = "usage: ems120 " + command_ + " [options]\n\n" + summary_ + "\n\noptions:\n";
    for (const auto& s : specs_) {
        std::string left = "  --" + s.name + (s.value_name.empty() ? "" : " " + s.value_name);
        if (left.size() < 26) left.resize(26, ' ');
        else left += "\n" + std::string(26, ' ');
        text += left + s.help + "\n";
    }
    return text;
}

}  // namespace ems120::cli
