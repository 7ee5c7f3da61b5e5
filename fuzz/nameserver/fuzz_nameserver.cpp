// A frame of arbitrary bytes handed to the name server's request handling: whatever the header
// or body, it answers (or stays silent for unknown codes) and never crashes.
#include <unistd.h>

#include <cstdint>
#include <filesystem>

#include "common/log.hpp"
#include "kv_config_manager.hpp"
#include "nameserver_processor.hpp"
#include "remoting/frame.hpp"
#include "route_info_manager.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace rmq;
    static const auto dir = [] {
        log::set_level(log::Level::Off);
        auto d =
            std::filesystem::temp_directory_path() / ("rmq-fuzz-ns-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    // One registry for the whole run: later inputs meet the state earlier ones left.
    static nameserver::RouteInfoManager routes;
    static nameserver::KvConfigManager kv(dir / "kvConfig.json");
    static nameserver::NameServerProcessor processor(routes, kv, {true});
    auto frame =
        remoting::decode_frame_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!frame) return 0;
    (void)processor.handle(*frame, size % 3);
    if (size % 7 == 0) routes.channel_closed(size % 3);
    return 0;
}
