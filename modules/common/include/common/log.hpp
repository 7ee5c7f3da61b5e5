#pragma once
// Minimal leveled logging to stderr, one line per call, safe from any thread. Servers log
// connection-level problems (bad frames, closed peers) here; the level comes from RMQ_LOG_LEVEL
// (trace, debug, info, warn, error; default info).
#include <string_view>

namespace rmq::log {

enum class Level { Trace = 0, Debug, Info, Warn, Error, Off };

Level level();
void set_level(Level level);
bool enabled(Level level);
void write(Level level, std::string_view component, std::string_view message);

inline void debug(std::string_view c, std::string_view m) {
    if (enabled(Level::Debug)) write(Level::Debug, c, m);
}
inline void info(std::string_view c, std::string_view m) {
    if (enabled(Level::Info)) write(Level::Info, c, m);
}
inline void warn(std::string_view c, std::string_view m) {
    if (enabled(Level::Warn)) write(Level::Warn, c, m);
}
inline void error(std::string_view c, std::string_view m) {
    if (enabled(Level::Error)) write(Level::Error, c, m);
}

}  // namespace rmq::log
