# library versions differ from machine to machine: keep the names, mask the numbers
s/[0-9]+(\.[0-9]+)+( [0-9]{4}-[0-9]{2}-[0-9]{2})?/<V>/g
s/vectorscan <V> ,/vectorscan <V>,/
