#include <iostream>

#include "run_mqadmin.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return rmq::mqadmin::run_mqadmin(std::move(args), rmq::mqadmin::Environment::from_process(),
                                     std::cout, std::cerr);
}
