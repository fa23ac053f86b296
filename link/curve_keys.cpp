#include "link/curve_keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "maps/input_error.hpp"

namespace ems120::link {

namespace {

void write_file(const std::string& path, const std::string& text, mode_t mode, bool exclusive) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (exclusive ? O_EXCL : 0), mode);
    if (fd < 0) throw InputError("cannot create " + path + ": " + std::strerror(errno));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!ok) throw InputError("cannot write " + path + ": " + std::strerror(saved));
}

}  // namespace

bool is_z85_key(const std::string& text) {
    if (text.size() != 40) return false;
    unsigned char raw[32];
    return zmq_z85_decode(raw, text.c_str()) != nullptr;
}

KeyPair generate_key_pair() {
    char pub[41], sec[41];
    if (zmq_curve_keypair(pub, sec) != 0)
        throw InputError(std::string("cannot make a CURVE key pair: ") + zmq_strerror(zmq_errno()) + " (libzmq built without CURVE?)");
    return {pub, sec};
}

void write_key_pair(const KeyPair& keys, const std::string& prefix) {
    const std::string secret = prefix + ".key", pub = prefix + ".pub";
    write_file(secret,
               "# ems120 CURVE secret key: keep it on this unit only (mode 0600)\n" + keys.secret_key + "\n", 0600, true);
    write_file(pub, keys.public_key + "\n", 0644, false);
}

std::string read_key_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError("cannot read key file " + file.string() + ": " + std::strerror(errno));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;  // no key starts with '#' (its Z85 value would overflow)
        if (!is_z85_key(line)) throw InputError(file.string() + " does not hold a CURVE key (expected 40 Z85 characters)");
        return line;
    }
    throw InputError(file.string() + " is empty (expected a 40-character Z85 CURVE key)");
}

KeyPair read_key_pair(const std::string& prefix) {
    const std::string secret_file = prefix + ".key";
    struct stat st {};
    if (::stat(secret_file.c_str(), &st) == 0 && (st.st_mode & 0077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
        throw InputError(secret_file + " can be read by other users (mode " + mode + "); run chmod 600 " + secret_file);
    }
    KeyPair keys;
    keys.secret_key = read_key_file(secret_file);
    char pub[41];
    if (zmq_curve_public(pub, keys.secret_key.c_str()) != 0) throw InputError(secret_file + ": not a CURVE secret key");
    keys.public_key = pub;
    return keys;
}

}  // namespace ems120::link
