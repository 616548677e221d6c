-- Before counted_states is selected for another scope.
DROP TABLE IF EXISTS counted_states;
