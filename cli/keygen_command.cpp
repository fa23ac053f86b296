// ems120 keygen: a CURVE key pair for the center or a vehicle.
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "link/curve_keys.hpp"

namespace ems120::cli {

int run_keygen(std::span<const std::string> args) {
    CommandLine line("keygen",
                     "Makes a CURVE key pair for the vehicle link. With --out PREFIX writes PREFIX.key (the\n"
                     "secret, mode 0600, never overwritten) and PREFIX.pub (the public key, for the other\n"
                     "side: the center's goes to every vehicle's --server-key, each vehicle's goes into the\n"
                     "center's allow-list as 'VEHICLE_ID PUBLIC_KEY'). Without --out prints both in Z85.",
                     {{"out", "PREFIX", "write PREFIX.key and PREFIX.pub instead of printing", 'o'}});
    if (!line.parse(args)) return 0;
    const auto keys = link::generate_key_pair();
    if (const auto prefix = line.value("out")) {
        if (prefix->empty()) throw UsageError("keygen: --out needs a file prefix");
        link::write_key_pair(keys, *prefix);
        std::cout << "wrote " << *prefix << ".key (secret, mode 0600) and " << *prefix << ".pub\n"
                  << "public key: " << keys.public_key << "\n";
        return 0;
    }
    std::cout << "public-key: " << keys.public_key << "\nsecret-key: " << keys.secret_key << "\n";
    return 0;
}

}  // namespace ems120::cli
