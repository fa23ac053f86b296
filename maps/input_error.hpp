#pragma once
// Bad input from a user (file, row, flag): the message names what is wrong and where, and is
// printed as one line by the CLI. Programming errors stay std::logic_error.
#include <stdexcept>
#include <string>

namespace ems120 {

class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace ems120
