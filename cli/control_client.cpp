#include "cli/control_client.hpp"

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "maps/input_error.hpp"

namespace ems120::cli {

std::string ask_dispatcher(const std::string& endpoint, const std::string& request, int timeout_ms) {
    zmq::context_t context(1);
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    socket.connect(endpoint);
    socket.send(zmq::buffer(request), zmq::send_flags::none);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) == 0)
        throw InputError("no dispatcher answers on " + endpoint + " (is `ems120 dispatcher` running with this --data?)");
    zmq::message_t reply;
    if (!socket.recv(reply, zmq::recv_flags::none)) throw InputError("no reply from " + endpoint);
    std::string text = reply.to_string();
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) throw InputError("the dispatcher's reply is not JSON");
    if (json.is_object() && json.contains("error")) throw InputError("dispatcher: " + json["error"].get<std::string>());
    return text;
}

}  // namespace ems120::cli
