#pragma once
// Options of one subcommand: `--name value`, `--name=value` or a bare `--flag`. Anything not
// declared, a missing value or a repeated option is a UsageError naming the argument.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "maps/input_error.hpp"

namespace ems120::cli {

// A wrong command line (as opposed to a bad file): the CLI adds "see --help" and exits with 2.
class UsageError : public InputError {
public:
    using InputError::InputError;
};

struct OptionSpec {
    std::string name;        // without the leading dashes
    std::string value_name;  // empty for a flag
    std::string help;
    char short_name = 0;  // e.g. 'o' for -o; 0 = long form only
};

class CommandLine {
public:
    CommandLine(std::string command, std::string summary, std::vector<OptionSpec> options);

    // Parses the options; when --help is among them prints the help to stdout and returns false
    // (the subcommand then exits 0 without doing anything else).
    bool parse(std::span<const std::string> args);

    // The program named in --help (default "ems120"); with an empty command it stands alone.
    void set_program(std::string program) { program_ = std::move(program); }

    // Reads options from a config file: one "name = value" (or "name value") per line, '#'
    // comments, names as the long options without dashes; a flag takes true/false. Options given
    // on the command line win. Throws UsageError naming the file and line.
    void add_config_file(const std::string& path);

    // Allows one bare argument (e.g. the input file of build-map), shown as `value_name` in --help.
    void accept_operand(std::string value_name, std::string help);
    const std::optional<std::string>& operand() const { return operand_; }

    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    bool wants_help() const { return has("help"); }
    std::string help_text() const;

private:
    const OptionSpec* find(const std::string& name) const;

    std::string prefix() const { return command_.empty() ? std::string() : command_ + ": "; }

    std::string program_ = "ems120";
    std::string command_;
    std::string summary_;
    std::vector<OptionSpec> specs_;
    std::vector<std::pair<std::string, std::string>> given_;
    std::string operand_name_, operand_help_;  // empty name: no bare argument allowed
    std::optional<std::string> operand_;
};

}  // namespace ems120::cli
