DELETE FROM chart_groups;
