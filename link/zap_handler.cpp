#include "link/zap_handler.hpp"

#include <array>
#include <set>

#include <zmq_addon.hpp>
#include <vector>

namespace ems120::link {

namespace {

constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";

std::string z85(const std::string& raw) {
    if (raw.size() != 32) return "(not a CURVE key)";
    char text[41];
    zmq_z85_encode(text, reinterpret_cast<const std::uint8_t*>(raw.data()), 32);
    return text;
}

}  // namespace

ZapHandler::ZapHandler(zmq::context_t& context, AllowList allow_list, std::function<void(const std::string&)> log)
    : context_(context), allow_list_(std::move(allow_list)), log_(std::move(log)), socket_(context_, zmq::socket_type::rep) {
    // Bound here, before any server socket exists, so no handshake can slip past unchecked.
    socket_.bind(kZapEndpoint);
    thread_ = std::thread([this] { serve(); });
}

ZapHandler::~ZapHandler() {
    stop_ = true;
    thread_.join();
}

void ZapHandler::serve() {
    std::set<std::string> reported;  // key + address already logged
    while (!stop_) {
        zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(100)) == 0) continue;
        std::vector<zmq::message_t> request;
        if (!zmq::recv_multipart(socket_, std::back_inserter(request))) continue;
        // version, request id, domain, address, identity, mechanism, credentials...
        if (request.size() < 6) continue;
        const std::string version = request[0].to_string(), id = request[1].to_string(),
                          address = request[3].to_string(), mechanism = request[5].to_string();
        std::string status = "400", text = "not allowed", user;
        std::string key = request.size() > 6 ? request[6].to_string() : std::string();
        if (mechanism == "CURVE") {
            if (auto vehicle = allow_list_.vehicle_for_key(key)) {
                status = "200", text = "OK", user = vehicle->value;
            }
        } else {
            text = "CURVE required";
        }
        if (status == "200") {
            ++admitted_;
        } else {
            ++refused_;
            if (reported.insert(z85(key) + address).second)
                log_("refused a " + mechanism + " connection from " + address +
                     (mechanism == "CURVE" ? " with key " + z85(key) + " (not in the allow-list)" : ""));
        }
        std::array<zmq::const_buffer, 6> reply{zmq::buffer(version), zmq::buffer(id), zmq::buffer(status),
                                               zmq::buffer(text), zmq::buffer(user), zmq::const_buffer()};
        zmq::send_multipart(socket_, reply);
    }
}

}  // namespace ems120::link
