"""The caseload: the persons on a worker's list, with what their household says of where they live."""
