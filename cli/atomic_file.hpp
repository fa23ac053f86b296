#pragma once
// Output files appear whole or not at all: written to a temporary file beside the target, then
// renamed over it, so a failed run never leaves a half-written report behind.
#include <string>

namespace ems120::cli {

// Throws InputError naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ems120::cli
