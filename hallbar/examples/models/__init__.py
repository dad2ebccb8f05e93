from .example import Example, ExampleAttachment, ExampleOrigin, SavedExample, Theme

__all__ = ["Example", "ExampleAttachment", "ExampleOrigin", "SavedExample", "Theme"]
