target_metadata = None
