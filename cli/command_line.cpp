#include "cli/command_line.hpp"

#include <algorithm>
#include <fstream>
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
        std::string name, value;
        if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-') {
            const auto it = std::find_if(specs_.begin(), specs_.end(), [&](const OptionSpec& s) { return s.short_name == arg[1]; });
            if (it == specs_.end()) throw UsageError(prefix() + "unknown option '" + arg + "'");
            name = it->name;
        } else if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            name = arg.substr(2);
        } else if (!operand_name_.empty() && !operand_ && (arg.empty() || arg[0] != '-')) {
            operand_ = arg;
            continue;
        } else {
            throw UsageError(prefix() + "unexpected argument '" + arg + "'");
        }
        bool inline_value = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            inline_value = true;
        }
        const OptionSpec* spec = find(name);
        if (!spec) throw UsageError(prefix() + "unknown option '--" + name + "'");
        if (has(name)) throw UsageError(prefix() + "option '--" + name + "' given twice");
        if (spec->value_name.empty()) {
            if (inline_value) throw UsageError(prefix() + "option '--" + name + "' takes no value");
        } else if (!inline_value) {
            if (i + 1 >= args.size()) throw UsageError(prefix() + "option '--" + name + "' needs a value " + spec->value_name);
            value = args[++i];
        }
        given_.emplace_back(name, value);
    }
    if (!wants_help()) return true;
    std::cout << help_text();
    return false;
}

void CommandLine::add_config_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("cannot read the config file " + path);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        const auto trim = [](std::string t) {
            const auto b = t.find_first_not_of(" \t\r"), e = t.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
        };
        line = trim(line);
        if (line.empty()) continue;
        const auto split = line.find_first_of(" \t=");
        const std::string name = trim(line.substr(0, split));
        std::string value = split == std::string::npos ? std::string() : trim(line.substr(split));
        if (!value.empty() && value[0] == '=') value = trim(value.substr(1));
        const std::string where = path + ":" + std::to_string(number) + ": ";
        const OptionSpec* spec = find(name);
        if (!spec || name == "help" || name == "config") throw UsageError(where + "unknown option '" + name + "'");
        if (has(name)) continue;  // the command line wins
        if (spec->value_name.empty()) {
            if (value == "true" || value == "yes" || value == "1" || value.empty()) given_.emplace_back(name, "");
            else if (value != "false" && value != "no" && value != "0") throw UsageError(where + "'" + name + "' is a flag: true or false");
            continue;
        }
        if (value.empty()) throw UsageError(where + "'" + name + "' needs a value " + spec->value_name);
        given_.emplace_back(name, value);
    }
}

void CommandLine::accept_operand(std::string value_name, std::string help) {
    operand_name_ = std::move(value_name);
    operand_help_ = std::move(help);
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
    std::string text = "usage: " + program_ + (command_.empty() ? "" : " " + command_) + (operand_name_.empty() ? "" : " " + operand_name_) +
                       " [options]\n\n" + summary_ + "\n\n";
    if (!operand_name_.empty()) text += "  " + operand_name_ + std::string(operand_name_.size() < 24 ? 24 - operand_name_.size() : 1, ' ') + operand_help_ + "\n\n";
    text += "options:\n";
    for (const auto& s : specs_) {
        std::string left = std::string(s.short_name ? std::string("  -") + s.short_name + ", " : "  ") + "--" + s.name +
                           (s.value_name.empty() ? "" : " " + s.value_name);
        if (left.size() < 26) left.resize(26, ' ');
        else left += "\n" + std::string(26, ' ');
        // A help spanning lines keeps its column.
        std::string help;
        for (const char c : s.help) help += c == '\n' ? "\n" + std::string(26, ' ') : std::string(1, c);
        text += left + help + "\n";
    }
    return text;
}

}  // namespace ems120::cli
