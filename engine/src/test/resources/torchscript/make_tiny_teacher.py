#!/usr/bin/env python3
"""Makes tiny_teacher.pt, the TorchScript teacher that TorchScriptTeacherTest loads.

Run from this folder with Debian's python3-torch (1.13): python3 make_tiny_teacher.py
It prints the numbers the test checks; if you change anything here, paste them into the test.

The network is a stand-in for an exported ImageNet model: a 4x4 stride-4 convolution (3 -> 8 channels), ReLU and
three 3/2 max pools rounded up (Caffe's rule), so that a 113x113 input gives an 8x3x3 map, the spatial size of
alexnet-small's pool5 at 113. It is wrapped in the same input conversion docs/teachers.md uses for torchvision
models (the workbench's mean-subtracted BGR 0..255 in, RGB 0..1 normalised by the ImageNet statistics inside), so
the test also proves that such a wrapper traces and loads in DJL.
"""
import torch


class WorkbenchInput(torch.nn.Module):
    """Takes the workbench's tensor (B, G, R on 0..255 minus the Caffe means) and feeds `features` what
    torchvision's ImageNet models expect (R, G, B on 0..1, minus the ImageNet mean, over the ImageNet std)."""

    def __init__(self, features):
        super().__init__()
        self.features = features
        self.register_buffer("caffe_mean_bgr", torch.tensor([102.98, 115.95, 122.77]).view(1, 3, 1, 1))
        self.register_buffer("imagenet_mean_rgb", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer("imagenet_std_rgb", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))

    def forward(self, x):
        rgb = (x + self.caffe_mean_bgr).flip(1) / 255.0
        return self.features((rgb - self.imagenet_mean_rgb) / self.imagenet_std_rgb)


def main():
    torch.manual_seed(20160627)
    features = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, kernel_size=4, stride=4),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(3, 2, ceil_mode=True),
        torch.nn.MaxPool2d(3, 2, ceil_mode=True),
        torch.nn.MaxPool2d(3, 2, ceil_mode=True),
    )
    teacher = WorkbenchInput(features).eval()
    traced = torch.jit.trace(teacher, torch.zeros(1, 3, 113, 113))
    traced.save("tiny_teacher.pt")

    # The input the test rebuilds in Java: 0, 1, 2, ... in C order, modulo 251, minus 125.
    x = (torch.arange(3 * 113 * 113, dtype=torch.float32) % 251 - 125).reshape(1, 3, 113, 113)
    with torch.no_grad():
        y = torch.jit.load("tiny_teacher.pt")(x)
    print("shape", tuple(y.shape))
    print("y[0,0,0,0] = %.6f" % y[0, 0, 0, 0].item())
    print("y[0,5,2,1] = %.6f" % y[0, 5, 2, 1].item())
    print("sum = %.6f" % y.sum().item())


if __name__ == "__main__":
    main()
