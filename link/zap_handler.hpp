#pragma once
// ZeroMQ's authentication hook (ZAP, RFC 27) for the center: a thread answering the library's
// questions "may this CURVE key connect?" from the allow-list. Admitted connections carry the
// vehicle id as their ZAP user id, so the center knows who sent each frame.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include <zmq.hpp>

#include "link/allow_list.hpp"

namespace ems120::link {

class ZapHandler {
public:
    // `log` receives one line per refused key (first time per key and address); it is called
    // from the handler's thread.
    ZapHandler(zmq::context_t& context, AllowList allow_list, std::function<void(const std::string&)> log);
    ~ZapHandler();
    ZapHandler(const ZapHandler&) = delete;
    ZapHandler& operator=(const ZapHandler&) = delete;

    std::uint64_t refused() const { return refused_.load(); }
    std::uint64_t admitted() const { return admitted_.load(); }

private:
    void serve();

    zmq::context_t& context_;
    const AllowList allow_list_;
    std::function<void(const std::string&)> log_;
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> refused_{0}, admitted_{0};
    zmq::socket_t socket_;
    std::thread thread_;
};

}  // namespace ems120::link
