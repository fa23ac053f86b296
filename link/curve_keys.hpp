#pragma once
// CURVE key pairs as Z85 text (40 characters each), the form ZeroMQ and `ems120 keygen` use.
// A key pair lives in two files: PREFIX.key (secret, mode 0600) and PREFIX.pub (public).
#include <filesystem>
#include <string>

namespace ems120::link {

struct KeyPair {
    std::string public_key;  // Z85
    std::string secret_key;  // Z85
};

KeyPair generate_key_pair();

// Writes PREFIX.key (0600, created exclusively: an existing key is never overwritten) and
// PREFIX.pub. Throws InputError naming the file.
void write_key_pair(const KeyPair& keys, const std::string& prefix);

// Reads a Z85 key from a file holding it on its first line (as written by write_key_pair, or a
// public key pasted by hand). Throws InputError when missing or not a 40-character Z85 key.
std::string read_key_file(const std::filesystem::path& file);

// Reads PREFIX.key and derives the public key from it (so a .pub file cannot disagree).
KeyPair read_key_pair(const std::string& prefix);

bool is_z85_key(const std::string& text);

}  // namespace ems120::link
